#!/usr/bin/python3
"""In-process cores of GDAL and OpenCV on the same mask, for comparison with Roofline's post-processor.

Usage: compare_cores.py MASK.png [REPEAT]
Prints one line per tool: name, median seconds, polygons, vertices.
  gdal-inprocess:   gdal.Polygonize (mask band = the mask, so background is not polygonized) + GEOS Simplify(1.0)
  opencv:           cv2.findContours (RETR_CCOMP, CHAIN_APPROX_SIMPLE) + cv2.approxPolyDP(epsilon 1.0)
Neither regularizes: they give outlines, not right-angled buildings.
"""
import statistics
import sys
import time

import cv2
import numpy as np
from osgeo import gdal, ogr

gdal.UseExceptions()
mask_path = sys.argv[1]
repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3


def gdal_inprocess():
    ds = gdal.Open(mask_path)
    band = ds.GetRasterBand(1)
    mem = ogr.GetDriverByName("Memory").CreateDataSource("m")
    layer = mem.CreateLayer("p", geom_type=ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("v", ogr.OFTInteger))
    gdal.Polygonize(band, band, layer, 0, [], callback=None)
    polygons = 0
    vertices = 0
    for feature in layer:
        g = feature.GetGeometryRef().Simplify(1.0)
        polygons += 1
        for i in range(g.GetGeometryCount()):
            vertices += g.GetGeometryRef(i).GetPointCount() - 1
    return polygons, vertices


def opencv():
    img = cv2.imread(mask_path, cv2.IMREAD_GRAYSCALE)
    binary = (img > 127).astype(np.uint8)
    contours, _ = cv2.findContours(binary, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    vertices = 0
    for c in contours:
        vertices += len(cv2.approxPolyDP(c, 1.0, True))
    return len(contours), vertices


for name, fn in (("gdal-inprocess", gdal_inprocess), ("opencv", opencv)):
    fn()  # warm-up (file cache, lazy imports)
    times = []
    result = None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    print(f"{name} {statistics.median(times):.3f} {result[0]} {result[1]}")
