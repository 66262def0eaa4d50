/**
 * The picocli root and one class per subcommand: commands parse options and delegate; they hold no logic of their own.
 * The top: may import every package (but kernels.simd, loaded by name, and reference, read by people).
 */
package org.semfill.cli;
