/** The benchmark workloads (train step, G forward, completion step) and their JSON report. Imports gan, completion and everything below them. */
package org.semfill.bench;
