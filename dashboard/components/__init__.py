"""Building blocks shared by the pages: each pairs a pure row builder with its renderer."""
