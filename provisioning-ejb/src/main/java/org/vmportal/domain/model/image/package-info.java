/** The OS catalog: uploaded ISO images and the sealed base images that VM overlays hang off. */
package org.vmportal.domain.model.image;
