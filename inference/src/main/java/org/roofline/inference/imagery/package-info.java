/**
 * Reading imagery and masks: GeoTIFF (Apache SIS), PNG/JPEG with world files or GDAL sidecars, windowed and
 * subsampled reads, georeferencing (pixel to map) and the image's CRS, and the one-line input errors ({@link
 * org.roofline.inference.imagery.RooflineInputException}). Start at {@link org.roofline.inference.imagery.GeoImage}.
 *
 * <p>From outside: {@code GeoImage} and the values it hands out ({@code RasterInfo}, {@code RasterWindow},
 * {@code Georeferencing}, {@code PixelToMap}, {@code SampleType}), {@code MaskImageReader}, {@code GeoTransformReader}
 * and {@code RooflineInputException}. The rest is package-private machinery: the format sniffing
 * ({@code ImageSignature}), one opener per family ({@code TiffImageOpener}, {@code ImageIoImageOpener}), the sidecar
 * lookup ({@code Sidecars}, {@code PamSidecar}, {@code WorldFile}) and the pixel decoders ({@code PixelSource} and its
 * implementations). How an image is shown to people is not here: {@code roofline info} builds its summary from
 * {@code GeoImage}'s accessors.
 */
package org.roofline.inference.imagery;
