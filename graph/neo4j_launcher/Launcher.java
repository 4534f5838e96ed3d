import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Starts an embedded Neo4j DBMS with its Bolt connector on loopback and prints one ready line,
 * {@code IPCREDIT_NEO4J_READY bolt://127.0.0.1:PORT}, that the Python side waits for.
 *
 * <p>Usage: {@code java -cp 'LIB/*' [-Dipcredit.pagecache=SIZE] Launcher.java HOME_DIR [PORT]}.
 * PORT 0 (the default) picks a free port; SIZE (default 256m) is the page cache, e.g. 2g for a
 * large load. The process runs until it is signalled or its standard input closes, then shuts the
 * database down cleanly so the next start needs no recovery.
 */
public final class Launcher {
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: Launcher HOME_DIR [PORT]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        boolean watchStdin = args.length > 2 && args[2].equals("--watch-stdin");
        long pagecache = ByteUnit.parse(System.getProperty("ipcredit.pagecache", "256m"));
        Files.createDirectories(home);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pagecache)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(10))
                // Transaction logs kept after a checkpoint: Neo4j's default (two days) holds every
                // write of a first load, some 20 GB for a 1M-company province, until they expire.
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "1G size")
                // No quiet period on shutdown: a stop should take well under a second.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }));

        GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        ConnectorPortRegister ports = db.getDependencyResolver().resolveDependency(ConnectorPortRegister.class);
        HostnamePort bound = ports.getLocalAddress(ConnectorType.BOLT);
        System.out.println("IPCREDIT_NEO4J_READY bolt://127.0.0.1:" + bound.getPort());
        System.out.flush();

        if (watchStdin) {
            // The parent holds our stdin open; when it dies, stdin closes and we stop with it.
            while (System.in.read() != -1) {
                // discard
            }
            System.exit(0);
        }
        stopped.await();
    }
}
