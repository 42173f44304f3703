package org.roofline.scale;

import java.io.Serializable;

/**
 * One unit of work, one Spark task: an image, by its position in the request (the output keeps that order).
 *
 * @param index the image's position in the request
 * @param image the image's absolute path, as every executor sees it (a shared file system on a cluster)
 */
record WorkUnit(int index, String image) implements Serializable {
}
