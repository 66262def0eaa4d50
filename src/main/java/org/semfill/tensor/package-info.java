/** The tensor (data, shape, gradient, creator) and the backward walk; the no-grad switch. Imports internal only. */
package org.semfill.tensor;
