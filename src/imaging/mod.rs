//! Image kernels shared by every detector, one tested implementation each:
//! block-mean and area downscaling, binomial smoothing, connected components
//! over pixel runs, integral images and the bitonal test.
//!
//! `imageproc` is used where it is as fast as a kernel written for the job
//! (integral images). It is not used for the others: its `connected_components`
//! labels every pixel (several times slower than joining runs on a page of
//! text), its box and Gaussian filters work in `f32` or without decimation,
//! and `image`'s resize has no area filter (a Triangle filter blurs and costs
//! several times more on 600-dpi pages).

mod bitonal;
mod components;
mod downscale;
mod integral;
mod smooth;

pub use bitonal::{is_bitonal, is_bitonal_page, is_pure};
pub use components::{Labels, Run, label_runs};
pub use downscale::{area, block_mean};
pub use integral::{integral, mean};
pub use smooth::smooth;
