/**
 * Server-side printing: the {@code meta.k8s.io/v1 Table} that {@code kubectl get} asks for, with the
 * columns and cells of kube-apiserver's own printers ({@code pkg/printers/internalversion}).
 *
 * <p>{@link io.kubeplane.apiserver.printing.TableRequest} reads the {@code Accept} header and the
 * {@code includeObject} parameter, {@link io.kubeplane.apiserver.printing.PrinterRegistry} picks one
 * {@link io.kubeplane.apiserver.printing.ResourcePrinter} per kind, and
 * {@link io.kubeplane.apiserver.printing.TablePrinter} assembles the whole Table for a list, one
 * object or one watch event. Pure: Jackson trees in, Jackson trees out; no Spring, no I/O.
 */
@NullMarked
package io.kubeplane.apiserver.printing;

import org.jspecify.annotations.NullMarked;
