/** Cross-cutting helpers at the bottom of the stack: checks, user errors, the seeded RNG, atomic writes. Imports nothing of semfill. */
package org.semfill.internal;
