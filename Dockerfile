FROM python:3.11-slim
WORKDIR /app
COPY . /app
RUN pip install --no-cache-dir -e .
ENV IPCREDIT_HOST=0.0.0.0 IPCREDIT_PORT=8050
EXPOSE 8050
CMD ["ipcredit", "serve"]
