//! A generated corpus of damaged and hostile inputs: PDFs cut off at many
//! offsets (inside an image stream too), with missing objects, a broken
//! cross-reference table, wrong lengths, unknown filters, size lies, Flate
//! bombs, a giant ToUnicode CMap and garbage fonts; BigTIFF, palette TIFF,
//! an IFD loop, a many-page TIFF; a PNG whose colour profile is a bomb;
//! empty and unknown files, and (Unix) a named pipe and broken or looping
//! links. Each entry says what a scan of it alone must give.
//!
//! PDFs are written by hand here (not by `synth`), so each defect is exactly
//! where the entry says.

use std::io::Write;
use std::path::Path;

/// What scanning one corpus file alone must give.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// Exit 0: read whole, nothing found.
    Clean,
    /// Exit 2, and no page listed in `bad_pages` is clear.
    Incomplete,
    /// Exit 0 or 2 (the dependency may or may not read it); never 1, never a crash.
    CleanOrIncomplete,
}

/// One file of the corpus.
pub struct Entry {
    /// File name in the corpus folder.
    pub name: String,
    /// Expected outcome alone.
    pub expect: Expect,
    /// 1-based pages that must not be reported clear.
    pub bad_pages: Vec<u64>,
    /// Given by name it is an error; in a folder it is skipped.
    pub skipped_in_folder: bool,
}

fn entry(name: &str, expect: Expect, bad_pages: &[u64]) -> Entry {
    Entry { name: name.into(), expect, bad_pages: bad_pages.to_vec(), skipped_in_folder: false }
}

/// A grey test image: soft gradient with a few dark bars (nothing ID-like).
pub fn grey(w: u32, h: u32) -> image::GrayImage {
    image::GrayImage::from_fn(w, h, |x, y| {
        let bar = (y / 40) % 5 == 0 && x > w / 10 && x < w * 9 / 10;
        image::Luma([if bar { 60 } else { 200 + ((x + y) % 40) as u8 }])
    })
}

pub fn jpeg(img: &image::GrayImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85).encode_image(img).expect("jpeg encode");
    out
}

pub fn zlib(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data).expect("zlib");
    e.finish().expect("zlib")
}

/// Zlib of `n` zero bytes, written in chunks (the bombs).
pub fn zlib_zeros(n: usize) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![0u8; 1 << 20];
    let mut left = n;
    while left > 0 {
        let k = left.min(chunk.len());
        e.write_all(&chunk[..k]).expect("zlib");
        left -= k;
    }
    e.finish().expect("zlib")
}

/// A PDF object: dictionary text and optional stream data.
#[derive(Clone)]
pub struct Obj {
    pub dict: String,
    pub stream: Option<Vec<u8>>,
}

fn obj(dict: &str) -> Obj {
    Obj { dict: dict.into(), stream: None }
}

/// A stream object; `/Length` is added unless the dictionary has one.
fn stream(dict: &str, data: Vec<u8>) -> Obj {
    let dict = if dict.contains("/Length") { dict.to_string() } else { format!("{dict} /Length {}", data.len()) };
    Obj { dict, stream: Some(data) }
}

/// Writes objects 1..=n with a classic xref table; object 1 is the catalog.
/// Returns the bytes and the offset where each object starts.
pub fn write_pdf(objs: &[Obj]) -> (Vec<u8>, Vec<usize>) {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n<< {} >>\n", i + 1, o.dict).as_bytes());
        if let Some(s) = &o.stream {
            out.extend_from_slice(b"stream\n");
            out.extend_from_slice(s);
            out.extend_from_slice(b"\nendstream\n");
        }
        out.extend_from_slice(b"endobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in &offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objs.len() + 1).as_bytes(),
    );
    (out, offsets)
}

const W: u32 = 300;
const H: u32 = 420;

/// Two A6 pages, each one image covering it: page 1 DCT, page 2 Flate (the
/// last object in the file, so a cut near the end falls inside it).
/// Objects: 1 catalog, 2 pages, 3 page 1, 4 content 1, 5 image 1, 6 page 2,
/// 7 content 2, 8 image 2.
pub fn two_pages() -> Vec<Obj> {
    let img = grey(W, H);
    let draw = b"q 297.64 0 0 419.53 0 0 cm /Im0 Do Q".to_vec();
    vec![
        obj("/Type /Catalog /Pages 2 0 R"),
        obj("/Type /Pages /Kids [3 0 R 6 0 R] /Count 2"),
        obj(
            "/Type /Page /Parent 2 0 R /MediaBox [0 0 297.64 419.53] /Contents 4 0 R /Resources << /XObject << /Im0 5 0 R >> >>",
        ),
        stream("", draw.clone()),
        stream(
            &format!(
                "/Type /XObject /Subtype /Image /Width {W} /Height {H} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode"
            ),
            jpeg(&img),
        ),
        obj(
            "/Type /Page /Parent 2 0 R /MediaBox [0 0 297.64 419.53] /Contents 7 0 R /Resources << /XObject << /Im0 8 0 R >> >>",
        ),
        stream("", draw),
        stream(
            &format!(
                "/Type /XObject /Subtype /Image /Width {W} /Height {H} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode"
            ),
            zlib(img.as_raw()),
        ),
    ]
}

/// Replaces object `n` (1-based).
fn with(mut objs: Vec<Obj>, n: usize, o: Obj) -> Vec<Obj> {
    objs[n - 1] = o;
    objs
}

fn image2(dict_extra: &str, data: Vec<u8>) -> Obj {
    stream(&format!("/Type /XObject /Subtype /Image /ColorSpace /DeviceGray /BitsPerComponent 8 {dict_extra}"), data)
}

/// Writes the corpus into `dir` and lists it.
pub fn write(dir: &Path) -> Vec<Entry> {
    let mut list = Vec::new();
    let put = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).expect("write corpus file");
    use Expect::*;

    let (good, offsets) = write_pdf(&two_pages());
    put("ok.pdf", &good);
    list.push(entry("ok.pdf", Clean, &[]));

    // Cut off at many offsets: inside page 2's image stream (the last object)
    // and before it. Page 2 is never clear.
    let img2 = offsets[7];
    // The image object ends where the xref table starts ("startxref" comes later).
    let end_of_img2 = good.windows(6).rposition(|w| w == b"\nxref\n").unwrap_or(good.len());
    for pct in [5, 30, 55, 80, 99] {
        let cut = img2 + (end_of_img2 - img2) * pct / 100;
        let name = format!("cut_in_image_{pct}.pdf");
        put(&name, &good[..cut]);
        list.push(entry(&name, Incomplete, &[2]));
    }
    for (i, cut) in [offsets[5] + 10, offsets[3] + 5, good.len() - 10, good.len() / 2].iter().enumerate() {
        let name = format!("cut_{i}.pdf");
        put(&name, &good[..*cut]);
        list.push(entry(&name, Incomplete, &[]));
    }

    // Missing object: page 1 draws an image whose object is not in the file.
    let missing = with(
        two_pages(),
        3,
        obj(
            "/Type /Page /Parent 2 0 R /MediaBox [0 0 297.64 419.53] /Contents 4 0 R /Resources << /XObject << /Im0 99 0 R >> >>",
        ),
    );
    put("missing_image_object.pdf", &write_pdf(&missing).0);
    list.push(entry("missing_image_object.pdf", Incomplete, &[1]));
    // A `Do` of a name the resources do not have.
    let undeclared = with(two_pages(), 4, stream("", b"q 297.64 0 0 419.53 0 0 cm /ImX Do Q".to_vec()));
    put("undeclared_xobject.pdf", &write_pdf(&undeclared).0);
    list.push(entry("undeclared_xobject.pdf", Incomplete, &[1]));
    // Missing content stream.
    let no_content = with(
        two_pages(),
        3,
        obj(
            "/Type /Page /Parent 2 0 R /MediaBox [0 0 297.64 419.53] /Contents 98 0 R /Resources << /XObject << /Im0 5 0 R >> >>",
        ),
    );
    put("missing_content.pdf", &write_pdf(&no_content).0);
    list.push(entry("missing_content.pdf", Incomplete, &[1]));

    // Broken xref: every offset wrong; the reader repairs, and says so.
    let (mut broken, _) = write_pdf(&two_pages());
    let x = broken.windows(6).rposition(|w| w == b"\nxref\n").unwrap_or(0);
    let t = broken.windows(7).rposition(|w| w == b"trailer").unwrap_or(broken.len());
    // Past "xref\n0 9\n" and the free entry: every in-use offset becomes 7777777777.
    for b in &mut broken[x + 36..t] {
        if b.is_ascii_digit() {
            *b = b'7';
        }
    }
    put("broken_xref.pdf", &broken);
    list.push(entry("broken_xref.pdf", Incomplete, &[]));

    // Wrong /Length with intact data (the reader finds `endstream`): read whole.
    let img = grey(W, H);
    let wrong_len = with(
        two_pages(),
        8,
        image2(&format!("/Width {W} /Height {H} /Filter /FlateDecode /Length 99999"), zlib(img.as_raw())),
    );
    put("wrong_length.pdf", &write_pdf(&wrong_len).0);
    list.push(entry("wrong_length.pdf", Clean, &[]));
    // Short stream: half the data.
    let raw = zlib(&img.as_raw()[..img.as_raw().len() / 2]);
    put(
        "short_stream.pdf",
        &write_pdf(&with(two_pages(), 8, image2(&format!("/Width {W} /Height {H} /Filter /FlateDecode"), raw))).0,
    );
    list.push(entry("short_stream.pdf", Incomplete, &[2]));
    // Cut-off deflate data.
    let z = zlib(img.as_raw());
    put(
        "cut_deflate.pdf",
        &write_pdf(&with(
            two_pages(),
            8,
            image2(&format!("/Width {W} /Height {H} /Filter /FlateDecode"), z[..z.len() / 2].to_vec()),
        ))
        .0,
    );
    list.push(entry("cut_deflate.pdf", Incomplete, &[2]));
    // Unknown filters on an image and on a content stream.
    put(
        "unknown_filter_image.pdf",
        &write_pdf(&with(two_pages(), 8, image2(&format!("/Width {W} /Height {H} /Filter /FooDecode"), z.clone()))).0,
    );
    list.push(entry("unknown_filter_image.pdf", Incomplete, &[2]));
    put(
        "unknown_filter_content.pdf",
        &write_pdf(&with(
            two_pages(),
            7,
            stream("/Filter /BarDecode", b"q 297.64 0 0 419.53 0 0 cm /Im0 Do Q".to_vec()),
        ))
        .0,
    );
    list.push(entry("unknown_filter_content.pdf", Incomplete, &[2]));
    // Declared size lies: twice the true height (data short); a tenth (data a bomb for it).
    put(
        "size_lie_larger.pdf",
        &write_pdf(&with(
            two_pages(),
            8,
            image2(&format!("/Width {W} /Height {} /Filter /FlateDecode", H * 2), z.clone()),
        ))
        .0,
    );
    list.push(entry("size_lie_larger.pdf", Incomplete, &[2]));
    put(
        "size_lie_smaller.pdf",
        &write_pdf(&with(
            two_pages(),
            8,
            image2(&format!("/Width {} /Height {} /Filter /FlateDecode", W / 10, H / 10), z.clone()),
        ))
        .0,
    );
    list.push(entry("size_lie_smaller.pdf", Incomplete, &[2]));
    // Negative and overflowing sizes.
    put(
        "negative_width.pdf",
        &write_pdf(&with(two_pages(), 8, image2(&format!("/Width -{W} /Height {H} /Filter /FlateDecode"), z.clone())))
            .0,
    );
    list.push(entry("negative_width.pdf", Incomplete, &[2]));
    put(
        "overflow_height.pdf",
        &write_pdf(&with(
            two_pages(),
            8,
            image2(&format!("/Width {W} /Height 18446744073709551617 /Filter /FlateDecode"), z.clone()),
        ))
        .0,
    );
    list.push(entry("overflow_height.pdf", Incomplete, &[2]));
    // JPEG header and dictionary disagree; JPEG cut in half (length consistent).
    let j = jpeg(&img);
    put(
        "jpeg_size_mismatch.pdf",
        &write_pdf(&with(
            two_pages(),
            5,
            image2(&format!("/Width {} /Height {H} /Filter /DCTDecode", W - 100), j.clone()),
        ))
        .0,
    );
    list.push(entry("jpeg_size_mismatch.pdf", Incomplete, &[1]));
    put(
        "jpeg_cut.pdf",
        &write_pdf(&with(
            two_pages(),
            5,
            image2(&format!("/Width {W} /Height {H} /Filter /DCTDecode"), j[..j.len() / 2].to_vec()),
        ))
        .0,
    );
    list.push(entry("jpeg_cut.pdf", Incomplete, &[1]));
    // Codec garbage: CCITT, JBIG2, JPX streams of random bytes.
    let noise: Vec<u8> = (0..4000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    for (name, filter) in [
        ("ccitt_garbage.pdf", "/CCITTFaxDecode /DecodeParms << /K -1 /Columns 300 >>"),
        ("jbig2_garbage.pdf", "/JBIG2Decode"),
        ("jpx_garbage.pdf", "/JPXDecode"),
    ] {
        let bits = if filter.contains("CCITT") || filter.contains("JBIG2") { 1 } else { 8 };
        let o = stream(
            &format!(
                "/Type /XObject /Subtype /Image /Width {W} /Height {H} /ColorSpace /DeviceGray /BitsPerComponent {bits} /Filter {filter}"
            ),
            noise.clone(),
        );
        put(name, &write_pdf(&with(two_pages(), 8, o)).0);
        list.push(entry(name, CleanOrIncomplete, &[]));
    }

    // Flate bombs: an image, a content stream, a Form XObject, a doubly
    // compressed content stream. Each inflates to 80 MiB of zeros.
    let bomb = zlib_zeros(80 << 20);
    put(
        "bomb_image.pdf",
        &write_pdf(&with(
            two_pages(),
            8,
            image2(&format!("/Width {W} /Height {H} /Filter /FlateDecode"), bomb.clone()),
        ))
        .0,
    );
    list.push(entry("bomb_image.pdf", Incomplete, &[2]));
    put("bomb_content.pdf", &write_pdf(&with(two_pages(), 7, stream("/Filter /FlateDecode", bomb.clone()))).0);
    list.push(entry("bomb_content.pdf", Incomplete, &[2]));
    let double = zlib(&bomb);
    put("bomb_double.pdf", &write_pdf(&with(two_pages(), 7, stream("/Filter [/FlateDecode /FlateDecode]", double))).0);
    list.push(entry("bomb_double.pdf", Incomplete, &[2]));
    let mut form = two_pages();
    form[5] = obj(
        "/Type /Page /Parent 2 0 R /MediaBox [0 0 297.64 419.53] /Contents 7 0 R /Resources << /XObject << /Im0 8 0 R >> >>",
    );
    form[7] = stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Filter /FlateDecode", bomb);
    put("bomb_form.pdf", &write_pdf(&form).0);
    list.push(entry("bomb_form.pdf", Incomplete, &[2]));
    // An object stream that inflates to 80 MiB (hayro and lopdf would inflate it whole).
    let mut objstm = two_pages();
    objstm.push(stream("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", zlib_zeros(80 << 20)));
    put("bomb_objstm.pdf", &write_pdf(&objstm).0);
    list.push(entry("bomb_objstm.pdf", Incomplete, &[]));

    // Text layer: a ToUnicode CMap covering 2^32 codes; garbage Type1 and CMap fonts.
    let text_page = |font: &str, extra: Vec<Obj>| -> Vec<u8> {
        let mut objs = vec![
            obj("/Type /Catalog /Pages 2 0 R"),
            obj("/Type /Pages /Kids [3 0 R] /Count 1"),
            obj(
                "/Type /Page /Parent 2 0 R /MediaBox [0 0 297.64 419.53] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >>",
            ),
            stream("", b"BT /F1 12 Tf 20 300 Td (Hello) Tj ET".to_vec()),
            obj(font),
        ];
        objs.extend(extra);
        write_pdf(&objs).0
    };
    let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange 1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange endcmap end end".to_vec();
    put(
        "giant_cmap.pdf",
        &text_page("/Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R", vec![stream("", cmap)]),
    );
    list.push(entry("giant_cmap.pdf", Incomplete, &[1]));
    put(
        "garbage_type1.pdf",
        &text_page(
            "/Type /Font /Subtype /Type1 /BaseFont /XYZ /FontDescriptor 6 0 R",
            vec![
                obj("/Type /FontDescriptor /FontName /XYZ /Flags 32 /FontFile 7 0 R"),
                stream("/Length1 10 /Length2 10 /Length3 0", noise.clone()),
            ],
        ),
    );
    list.push(entry("garbage_type1.pdf", CleanOrIncomplete, &[]));
    put(
        "garbage_cmap_font.pdf",
        &text_page(
            "/Type /Font /Subtype /Type0 /BaseFont /XYZ /Encoding 6 0 R /DescendantFonts [7 0 R]",
            vec![stream("", noise.clone()), obj("/Type /Font /Subtype /CIDFontType2 /BaseFont /XYZ")],
        ),
    );
    list.push(entry("garbage_cmap_font.pdf", CleanOrIncomplete, &[]));
    // A page tree that refers to itself.
    let cyclic = write_pdf(&[obj("/Type /Catalog /Pages 2 0 R"), obj("/Type /Pages /Kids [2 0 R] /Count 1")]).0;
    put("cyclic_pages.pdf", &cyclic);
    list.push(entry("cyclic_pages.pdf", Incomplete, &[]));

    // TIFFs.
    put("bigtiff.tif", &tiff(&[grey(64, 90)], true, None, false));
    list.push(entry("bigtiff.tif", Clean, &[]));
    put("palette.tif", &tiff(&[grey(64, 90)], false, Some(()), false));
    list.push(entry("palette.tif", Clean, &[]));
    put("ifd_loop.tif", &tiff(&[grey(64, 90), grey(64, 90)], false, None, true));
    list.push(entry("ifd_loop.tif", Incomplete, &[]));
    let many: Vec<_> = (0..2000).map(|_| grey(8, 8)).collect();
    put("many_pages.tif", &tiff(&many, false, None, false));
    list.push(entry("many_pages.tif", Clean, &[]));

    // A PNG whose iCCP profile inflates to 80 MiB.
    put("png_iccp_bomb.png", &png_iccp_bomb());
    list.push(entry("png_iccp_bomb.png", Incomplete, &[1]));

    // Empty and unknown files: errors by name, skipped in a folder.
    put("empty.pdf", b"");
    put("notes.txt", b"Bitte bringen Sie Ihren Personalausweis mit.");
    for n in ["empty.pdf", "notes.txt"] {
        list.push(Entry { skipped_in_folder: true, ..entry(n, Incomplete, &[]) });
    }
    list.extend(special_files(dir));
    list
}

#[cfg(unix)]
fn special_files(dir: &Path) -> Vec<Entry> {
    let mut v = Vec::new();
    let fifo = dir.join("pipe.pdf");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
    assert!(made, "mkfifo failed: the named-pipe case cannot be tested");
    v.push(Entry { skipped_in_folder: true, ..entry("pipe.pdf", Expect::Incomplete, &[]) });
    std::os::unix::fs::symlink(dir.join("nowhere.pdf"), dir.join("broken_link.pdf")).expect("symlink");
    v.push(Entry { skipped_in_folder: true, ..entry("broken_link.pdf", Expect::Incomplete, &[]) });
    std::os::unix::fs::symlink(dir.join("loop_b.pdf"), dir.join("loop_a.pdf")).expect("symlink");
    std::os::unix::fs::symlink(dir.join("loop_a.pdf"), dir.join("loop_b.pdf")).expect("symlink");
    v.push(Entry { skipped_in_folder: true, ..entry("loop_a.pdf", Expect::Incomplete, &[]) });
    v.push(Entry { skipped_in_folder: true, ..entry("loop_b.pdf", Expect::Incomplete, &[]) });
    v
}

#[cfg(not(unix))]
fn special_files(_dir: &Path) -> Vec<Entry> {
    Vec::new()
}

/// Uncompressed 8-bit TIFF pages (strip per page). `big` writes BigTIFF;
/// `palette` stores each page as 8-bit palette indices with a grey ramp
/// colour map; `looped` points the last IFD back at the first.
pub fn tiff(pages: &[image::GrayImage], big: bool, palette: Option<()>, looped: bool) -> Vec<u8> {
    let mut out: Vec<u8> = if big {
        b"II\x2B\x00\x08\x00\x00\x00\x10\x00\x00\x00\x00\x00\x00\x00".to_vec()
    } else {
        b"II*\x00\x08\x00\x00\x00".to_vec()
    };
    let first_ifd = out.len() as u64;
    // Pointer to the first IFD is already right after the header (8 or 16).
    let mut next_ptr_at = None::<usize>;
    for (k, p) in pages.iter().enumerate() {
        let (w, h) = p.dimensions();
        // Pixel data first, then the colour map, then the IFD.
        let data_at = out.len() as u64;
        out.extend_from_slice(p.as_raw());
        let map_at = out.len() as u64;
        if palette.is_some() {
            for _ in 0..3 {
                for i in 0..256u32 {
                    out.extend_from_slice(&((i * 257) as u16).to_le_bytes());
                }
            }
        }
        if out.len() % 2 == 1 {
            out.push(0);
        }
        let ifd_at = out.len() as u64;
        match next_ptr_at {
            Some(at) if big => out[at..at + 8].copy_from_slice(&ifd_at.to_le_bytes()),
            Some(at) => out[at..at + 4].copy_from_slice(&(ifd_at as u32).to_le_bytes()),
            None if big => out[8..16].copy_from_slice(&ifd_at.to_le_bytes()),
            None => out[4..8].copy_from_slice(&(ifd_at as u32).to_le_bytes()),
        }
        let _ = first_ifd;
        // (tag, type, count, value): type 3 SHORT, 4 LONG, 16 LONG8.
        let mut tags: Vec<(u16, u16, u64, u64)> = vec![
            (256, 4, 1, u64::from(w)),
            (257, 4, 1, u64::from(h)),
            (258, 3, 1, 8),
            (259, 3, 1, 1),
            (262, 3, 1, if palette.is_some() { 3 } else { 1 }),
            (273, if big { 16 } else { 4 }, 1, data_at),
            (277, 3, 1, 1),
            (278, 4, 1, u64::from(h)),
            (279, 4, 1, u64::from(w * h)),
        ];
        if palette.is_some() {
            tags.push((320, 3, 768, map_at));
        }
        tags.sort();
        if big {
            out.extend_from_slice(&(tags.len() as u64).to_le_bytes());
        } else {
            out.extend_from_slice(&(tags.len() as u16).to_le_bytes());
        }
        for (tag, ty, count, value) in tags {
            out.extend_from_slice(&tag.to_le_bytes());
            out.extend_from_slice(&ty.to_le_bytes());
            if big {
                out.extend_from_slice(&count.to_le_bytes());
                out.extend_from_slice(&value.to_le_bytes());
            } else {
                out.extend_from_slice(&(count as u32).to_le_bytes());
                out.extend_from_slice(&(value as u32).to_le_bytes());
            }
        }
        next_ptr_at = Some(out.len());
        let last = k + 1 == pages.len();
        let next = if last && looped { if big { 16 } else { 8 } } else { 0 };
        let _ = next;
        if big {
            out.extend_from_slice(&0u64.to_le_bytes());
        } else {
            out.extend_from_slice(&0u32.to_le_bytes());
        }
    }
    if looped && let Some(at) = next_ptr_at {
        // Point the last IFD back at the first one.
        let first = if big {
            u64::from_le_bytes(out[8..16].try_into().unwrap_or([0; 8]))
        } else {
            u64::from(u32::from_le_bytes(out[4..8].try_into().unwrap_or([0; 4])))
        };
        if big {
            out[at..at + 8].copy_from_slice(&first.to_le_bytes());
        } else {
            out[at..at + 4].copy_from_slice(&(first as u32).to_le_bytes());
        }
    }
    out
}

fn png_chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut c = kind.to_vec();
    c.extend_from_slice(data);
    out.extend_from_slice(&c);
    out.extend_from_slice(&crc32(&c).to_be_bytes());
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A 16x16 grey PNG with an iCCP chunk inflating to 80 MiB.
fn png_iccp_bomb() -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&16u32.to_be_bytes());
    ihdr.extend_from_slice(&16u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
    png_chunk(&mut out, b"IHDR", &ihdr);
    let mut iccp = b"bomb\0\0".to_vec();
    iccp.extend_from_slice(&zlib_zeros(80 << 20));
    png_chunk(&mut out, b"iCCP", &iccp);
    let rows: Vec<u8> = (0..16).flat_map(|_| std::iter::once(0u8).chain(std::iter::repeat_n(200u8, 16))).collect();
    png_chunk(&mut out, b"IDAT", &zlib(&rows));
    png_chunk(&mut out, b"IEND", &[]);
    out
}
