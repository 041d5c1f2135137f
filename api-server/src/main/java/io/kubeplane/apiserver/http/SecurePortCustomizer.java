package io.kubeplane.apiserver.http;

import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Adds kube-apiserver's secure port to the embedded Tomcat: HTTPS (TLS 1.2+) on its own port and
 * address with the PEM serving certificate, next to the plain loopback port that Spring Boot's
 * {@code server.port} configures. Both serve the same API with the same authentication.
 */
public final class SecurePortCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final String address;
    private final int port;
    private final ServingCertificates.Files certificates;

    public SecurePortCustomizer(String address, int port, ServingCertificates.Files certificates) {
        this.address = address;
        this.port = port;
        this.certificates = certificates;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
        connector.setPort(port);
        connector.setScheme("https");
        connector.setSecure(true);
        connector.setProperty("address", address);
        connector.setProperty("SSLEnabled", "true");
        SSLHostConfig ssl = new SSLHostConfig();
        ssl.setProtocols("TLSv1.2+TLSv1.3");
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(ssl, SSLHostConfigCertificate.Type.EC);
        certificate.setCertificateFile(certificates.certificate().toString());
        certificate.setCertificateKeyFile(certificates.privateKey().toString());
        ssl.addCertificate(certificate);
        connector.addSslHostConfig(ssl);
        factory.addAdditionalConnectors(connector);
    }
}
