package org.uklad.system;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Keys the service makes for itself when none is configured, kept in the database so that every
 * replica uses the same one (table {@code server_secret}, migration V13): the device cookies' key,
 * the sealing key of held answers. A key kept here protects nothing against a reader of the
 * database; a deployment that needs that sets the key in its configuration instead.
 */
@Singleton
public class ServerSecrets {

    /** A secret the service generated for itself (hex). */
    @MappedEntity("server_secret")
    record ServerSecret(@Id String name, String secret) {}

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface ServerSecretRepository extends CrudRepository<ServerSecret, String> {

        /** Stores the secret unless another replica stored one first (then that one holds). */
        @Query("INSERT INTO server_secret (name, secret) VALUES (:name, :secret) ON CONFLICT (name) DO NOTHING")
        void offer(String name, String secret);
    }

    private final ServerSecretRepository secrets;
    private final SecureRandom random = new SecureRandom();

    ServerSecrets(ServerSecretRepository secrets) {
        this.secrets = secrets;
    }

    /** The 32-byte secret of this name, made now by whichever replica asks first. */
    public byte[] secret(String name) {
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        secrets.offer(name, HexFormat.of().formatHex(fresh));
        return HexFormat.of().parseHex(secrets.findById(name).orElseThrow().secret());
    }
}
