/** The benchmark workloads (train step, G forward, completion step) and their JSON report. Imports gan and completion. */
package org.semfill.bench;
