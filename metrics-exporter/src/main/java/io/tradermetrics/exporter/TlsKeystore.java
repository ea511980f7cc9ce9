package io.tradermetrics.exporter;

import com.sun.net.httpserver.HttpsConfigurator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PKCS#12 keystore checked and ready to serve HTTPS: loaded when created, so that a keystore that
 * cannot serve fails at start and not at the first handshake. Refused, each with a message naming the
 * file: a missing file ("no such file"), a directory or unreadable file, a file that is not PKCS#12,
 * a wrong password, a keystore holding no private key (certificates only), a key that the password
 * does not unlock. A certificate that has expired or is not valid yet is logged at WARN (clients
 * that check it will refuse it) but served. Immutable and thread-safe.
 */
public final class TlsKeystore {

  private static final Logger LOG = LoggerFactory.getLogger(TlsKeystore.class);

  private final Path file;
  private final SSLContext ssl;

  private TlsKeystore(Path file, SSLContext ssl) {
    this.file = file;
    this.ssl = ssl;
  }

  /**
   * Loads and checks a PKCS#12 keystore, e.g. one made with
   * {@code keytool -genkeypair -storetype PKCS12 -ext san=ip:127.0.0.1 ...}.
   *
   * @param file     the keystore file
   * @param password the store password, also the key's (as keytool makes PKCS#12 stores); not kept
   * @return the keystore, ready for {@link MetricsServer.Builder#tls(TlsKeystore)}
   * @throws IOException whose message is {@code tls keystore '<file>' cannot be used: <why>}
   */
  public static TlsKeystore load(Path file, char[] password) throws IOException {
    if (Files.isDirectory(file)) {
      throw problem(file, "it is a directory, expected a PKCS#12 file");
    }
    KeyStore store;
    try (InputStream in = Files.newInputStream(file)) {
      store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
    } catch (NoSuchFileException e) {
      throw problem(file, "no such file");
    } catch (java.nio.file.AccessDeniedException e) {
      throw problem(file, "not readable by this process (permission denied)");
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
        throw problem(file, "wrong password (the keystore cannot be opened with it)");
      }
      throw problem(file, "not a PKCS#12 keystore (" + e.getMessage() + ")");
    } catch (GeneralSecurityException e) {
      throw problem(file, "not a PKCS#12 keystore (" + e + ")");
    }
    try {
      List<String> aliases = Collections.list(store.aliases());
      List<String> keyAliases = new ArrayList<>();
      for (String alias : aliases) {
        if (!store.isKeyEntry(alias)) {
          continue;
        }
        Key key;
        try {
          key = store.getKey(alias, password);
        } catch (UnrecoverableKeyException e) {
          throw problem(file, "the key of alias '" + alias
              + "' cannot be unlocked with the store password (keys with a password of their own are not supported)");
        }
        if (key instanceof PrivateKey) {
          keyAliases.add(alias);
          warnIfNotValidNow(file, alias, store.getCertificateChain(alias));
        }
      }
      if (keyAliases.isEmpty()) {
        throw problem(file, "it holds no private key, only " + (aliases.isEmpty() ? "nothing"
            : "certificates (aliases " + String.join(", ", aliases) + ")")
            + "; the server needs a key and its certificate, e.g. from keytool -genkeypair");
      }
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, password);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(kmf.getKeyManagers(), null, null);
      return new TlsKeystore(file, ssl);
    } catch (GeneralSecurityException e) {
      throw problem(file, e.toString());
    }
  }

  private static void warnIfNotValidNow(Path file, String alias, Certificate[] chain) {
    if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate cert)) {
      return;
    }
    try {
      cert.checkValidity();
    } catch (CertificateExpiredException e) {
      LOG.warn("tls keystore '{}': the certificate of alias '{}' ({}) expired on {}; clients that check it will refuse "
          + "the connection", file, alias, cert.getSubjectX500Principal().getName(), cert.getNotAfter().toInstant());
    } catch (CertificateNotYetValidException e) {
      LOG.warn("tls keystore '{}': the certificate of alias '{}' ({}) is not valid before {}; clients that check it will "
          + "refuse the connection", file, alias, cert.getSubjectX500Principal().getName(), cert.getNotBefore().toInstant());
    }
  }

  private static IOException problem(Path file, String why) {
    return new IOException("tls keystore '" + file + "' cannot be used: " + why);
  }

  /** The keystore file. */
  public Path file() {
    return file;
  }

  HttpsConfigurator configurator() {
    return new HttpsConfigurator(ssl);
  }

  @Override
  public String toString() {
    return "TlsKeystore[" + file + "]";
  }
}
