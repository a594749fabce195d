package io.tollgate.bench;

import io.grpc.ManagedChannel;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.proto.auth.v1.AuthenticateRequest;
import io.tollgate.testkit.suite.DemoTenant;
import io.tollgate.testkit.suite.Suite;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Login cost at the configured Argon2id parameters (OWASP minimum: m=19 MiB, t=2, p=1): a login
 * through auth-service's gRPC Authenticate (hash check, database, token signing) next to one bare
 * Argon2id computation with the same parameters in this process.
 */
final class LoginBench {
    private LoginBench() {
    }

    static void run(Suite suite) throws Exception {
        Report.header("Login cost at Argon2id m=19456 KiB, t=2, p=1 (issue 3)");
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(19456).withIterations(2)
                .withParallelism(1).withSalt(salt).build();
        Measure.Latencies bare = Measure.latencies(i -> {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(parameters);
            generator.generateBytes("correct horse battery staple".getBytes(StandardCharsets.UTF_8), new byte[32]);
        }, 1, 5, 30);

        DemoTenant.DemoAccount reader = DemoTenant.all().get(0).accounts().get(0);
        ManagedChannel channel = SuiteClients.authChannel(suite, "flight-service");
        try {
            AuthServiceGrpc.AuthServiceBlockingStub auth = AuthServiceGrpc.newBlockingStub(channel);
            AuthenticateRequest request = AuthenticateRequest.newBuilder().setUsername(reader.username())
                    .setPassword(suite.password(reader)).setClientAddress("bench").build();
            Measure.Latencies login = Measure.latencies(i -> auth.authenticate(request), 1, 5, 30);
            Measure.Latencies concurrent = Measure.latencies(i -> auth.authenticate(request), 2, 2, 15);

            Report.row("bare Argon2id hash, p50 (baseline)", bare.percentileMillis(50), "ms");
            Report.row("login via gRPC Authenticate, p50", login.percentileMillis(50), "ms");
            Report.row("login via gRPC Authenticate, p99", login.percentileMillis(99), "ms");
            Report.row("logins/s with 2 concurrent clients (2 cores)", concurrent.opsPerSecond(), "logins/s");
            Report.ratio("login p50 / bare Argon2id p50", login.percentileMillis(50) / bare.percentileMillis(50));
        } finally {
            channel.shutdownNow();
        }
    }
}
