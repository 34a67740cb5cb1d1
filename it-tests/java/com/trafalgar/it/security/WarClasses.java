package com.trafalgar.it.security;

import com.trafalgar.security.RouteScan;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The application's classes as deployed: {@code WEB-INF/classes} and {@code WEB-INF/lib} of the
 * built WAR, unpacked and loaded child-first for {@code com.trafalgar}, so the routes scanned are
 * those of the archive under test, not of the test class path. Annotation types still come from
 * the test class path, which lets {@link RouteScan} read them.
 */
final class WarClasses {
  private WarClasses() {}

  static List<Class<?>> load(Path war, Path into) {
    Path classes = into.resolve("classes");
    List<URL> urls = new ArrayList<>();
    try (ZipFile zip = new ZipFile(war.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        String name = entry.getName();
        Path target;
        if (name.startsWith("WEB-INF/classes/") && !entry.isDirectory()) {
          target = classes.resolve(name.substring("WEB-INF/classes/".length()));
        } else if (name.startsWith("WEB-INF/lib/") && name.endsWith(".jar")) {
          target = into.resolve("lib").resolve(name.substring("WEB-INF/lib/".length()));
          urls.add(target.toUri().toURL());
        } else {
          continue;
        }
        if (!target.normalize().startsWith(into)) {
          throw new IOException("entry outside the archive root: " + name);
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = zip.getInputStream(entry)) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      urls.add(0, classes.toUri().toURL());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ClassLoader loader = new ChildFirst(urls.toArray(URL[]::new),
        WarClasses.class.getClassLoader());
    return RouteScan.classesUnder(classes, loader);
  }

  /** Loads {@code com.trafalgar} classes from the archive even though the parent has them too. */
  private static final class ChildFirst extends URLClassLoader {
    ChildFirst(URL[] urls, ClassLoader parent) {
      super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("com.trafalgar.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          try {
            loaded = findClass(name);
          } catch (ClassNotFoundException notInTheArchive) {
            loaded = super.loadClass(name, false);
          }
        }
        if (resolve) {
          resolveClass(loaded);
        }
        return loaded;
      }
    }
  }
}
