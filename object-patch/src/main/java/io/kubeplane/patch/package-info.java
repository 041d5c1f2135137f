/**
 * JSON merge patch, JSON patch and strategic merge patch over Jackson trees.
 */
@NullMarked
package io.kubeplane.patch;

import org.jspecify.annotations.NullMarked;
