/** The picocli root and one class per subcommand: commands parse options and delegate; they hold no logic of their own. */
package org.semfill.cli;
