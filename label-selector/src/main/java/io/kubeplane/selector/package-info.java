/**
 * Label and field selectors: parsing, matching, and their canonical string form.
 */
@NullMarked
package io.kubeplane.selector;

import org.jspecify.annotations.NullMarked;
