package io.kubeplane.apiserver.http;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The api-server's serving certificate and the CA that signs it, generated once into a directory
 * as kube-apiserver does with {@code --cert-dir} when no certificate is given: {@code ca.crt},
 * {@code ca.key}, {@code apiserver.crt}, {@code apiserver.key} (PEM). Existing files are kept, so a
 * restart serves the same certificate and kubeconfigs stay valid. Valid for loopback, the host
 * name, the {@code kubernetes.default} names and the service VIP.
 */
public final class ServingCertificates {

    private static final Logger log = LoggerFactory.getLogger(ServingCertificates.class);
    private static final Duration VALIDITY = Duration.ofDays(3650);

    /** Where the PEM files are. */
    public record Files(Path caCertificate, Path certificate, Path privateKey) {
    }

    private ServingCertificates() {
    }

    /** The files in {@code directory}, generating any that are missing; {@code extraNames} are added SANs. */
    public static Files ensure(Path directory, List<String> extraNames) throws IOException {
        Path caCert = directory.resolve("ca.crt");
        Path caKey = directory.resolve("ca.key");
        Path cert = directory.resolve("apiserver.crt");
        Path key = directory.resolve("apiserver.key");
        if (java.nio.file.Files.exists(caCert) && java.nio.file.Files.exists(cert) && java.nio.file.Files.exists(key)) {
            return new Files(caCert, cert, key);
        }
        java.nio.file.Files.createDirectories(directory);
        try {
            KeyPair ca = newKeyPair();
            X509Certificate caCertificate = sign(new X500Name("CN=kubeplane-ca"), ca, new X500Name("CN=kubeplane-ca"), ca,
                    true, List.of());
            KeyPair serving = newKeyPair();
            X509Certificate servingCertificate = sign(new X500Name("CN=kube-apiserver"), serving,
                    new X500Name("CN=kubeplane-ca"), ca, false, subjectAltNames(extraNames));
            writePem(caCert, caCertificate, false);
            writePem(caKey, ca.getPrivate(), true);
            writePem(cert, servingCertificate, false);
            writePem(key, serving.getPrivate(), true);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("could not generate the serving certificate", e);
        }
        log.info("generated a CA and a serving certificate in {}", directory);
        return new Files(caCert, cert, key);
    }

    private static List<GeneralName> subjectAltNames(List<String> extraNames) {
        Set<String> dns = new LinkedHashSet<>(List.of("localhost", "kubernetes", "kubernetes.default",
                "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"));
        Set<String> ips = new LinkedHashSet<>(List.of("127.0.0.1", "::1", "10.96.0.1"));
        try {
            dns.add(InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            // no resolvable host name: loopback names still work
        }
        for (String name : extraNames) {
            (name.matches("[0-9.]+|.*:.*") ? ips : dns).add(name);
        }
        List<GeneralName> names = new ArrayList<>();
        dns.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
        ips.forEach(n -> names.add(new GeneralName(GeneralName.iPAddress, n)));
        return names;
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
                                        boolean ca, List<GeneralName> altNames)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                new BigInteger(127, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(VALIDITY)), subject, subjectKeys.getPublic());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                extensions.createSubjectKeyIdentifier(subjectKeys.getPublic()));
        if (ca) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign
                                                                         | KeyUsage.digitalSignature));
        } else {
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(altNames.toArray(GeneralName[]::new)));
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }

    private static void writePem(Path file, Object value, boolean secret) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(value instanceof java.security.PrivateKey key
                    ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null) : value);
        }
        java.nio.file.Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
        if (secret) {
            try {
                java.nio.file.Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
        }
    }
}
