//! A page of the evaluation cache (`EVAL_CACHE`): the PNG and, beside it, a
//! `.txt` whose first lines give the dpi and whether it is known.
use ausweisscan::source::Raster;

/// The cached page at `path` as the detectors see it, or `None` when it
/// cannot be opened.
pub fn raster(path: &str) -> Option<Raster> {
    let img = image::open(path).ok()?;
    let meta = std::fs::read_to_string(path.replace(".png", ".txt")).unwrap_or_default();
    let mut lines = meta.lines();
    let dpi: f32 = lines.next().and_then(|v| v.trim().parse().ok()).unwrap_or(300.0);
    let known = lines.next().map(|v| v.trim() == "1").unwrap_or(true);
    Some(Raster { image: img.to_luma8(), dpi, dpi_known: known })
}
