/**
 * The kernel interface, its plain-Java reference implementation, the provider that picks an implementation
 * at run time, and the thread pool. Imports nothing of semfill. Nothing here knows about tensors.
 */
package org.semfill.kernels;
