package io.seqcast.registry;

import io.seqcast.testing.RequiredService;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real PostgreSQL for the PostgreSQL-store tests: the server named by
 * {@code SEQCAST_TEST_POSTGRES_URL} (a JDBC URL with user and password; {@code .ci/postgres.sh}
 * sets it), else a Testcontainers container when a Docker daemon answers and a {@code postgres}
 * image and Testcontainers' {@code testcontainers/ryuk} image are present locally (nothing is pulled);
 * else {@link RequiredService}: the test fails in CI and is reported as skipped elsewhere. Call
 * {@link #jdbcUrl()} from {@code @BeforeEach} or a test, not {@code @BeforeAll}.
 */
final class TestPostgres {

    static final String ENV = "SEQCAST_TEST_POSTGRES_URL";
    private static String url;
    private static PostgreSQLContainer container;

    private TestPostgres() {
    }

    /** A JDBC URL with credentials; else a failed test in CI, a skipped one elsewhere. */
    static synchronized String jdbcUrl() {
        if (url != null) {
            return url;
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return url = env;
        }
        String image = localPostgresImage();
        RequiredService.require(image == null ? "no PostgreSQL (" + ENV + " is not set and no Docker with a local "
                + "postgres image)" : null, "source .ci/postgres.sh, which sets " + ENV);
        container = new PostgreSQLContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"));
        container.start();
        return url = container.getJdbcUrl() + (container.getJdbcUrl().contains("?") ? "&" : "?")
                + "user=" + container.getUsername() + "&password=" + container.getPassword();
    }

    private static String localPostgresImage() {
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                return null;
            }
            // Nothing may be pulled: both the postgres image and Testcontainers' ryuk must be local.
            String postgres = null;
            boolean ryuk = false;
            for (var image : DockerClientFactory.instance().client().listImagesCmd().exec()) {
                if (image.getRepoTags() != null) {
                    for (String tag : image.getRepoTags()) {
                        if (tag.startsWith("postgres:")) {
                            postgres = tag;
                        }
                        ryuk |= tag.startsWith("testcontainers/ryuk:");
                    }
                }
            }
            return ryuk ? postgres : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
