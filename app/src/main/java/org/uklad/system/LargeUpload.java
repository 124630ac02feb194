package org.uklad.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a route that streams a large body (the imports of a region's file): {@link RequestSizeFilter}
 * lets its body through up to {@code uklad.imports.max-size} instead of {@code uklad.request.max-size}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LargeUpload {
}
