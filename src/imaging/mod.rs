//! Image kernels shared by every detector, one tested implementation each:
//! block-mean and area downscaling, binomial smoothing, connected components
//! over pixel runs, integral images and the bitonal test.
//!
//! `imageproc` computes the integral image. The other kernels are written
//! for the job: imageproc's `connected_components` visits every pixel,
//! while joining runs touches only the ink of a page that is mostly paper;
//! its box and Gaussian filters work without decimation or in `f32`, where
//! the detectors want integer block means; and `image`'s resize has no
//! area filter (its Triangle filter blurs where an area mean keeps strokes).

mod bitonal;
mod components;
mod downscale;
mod integral;
mod smooth;

pub use bitonal::{is_bitonal, is_bitonal_page};
pub use components::{Labels, Run, label_runs};
pub use downscale::{area, block_mean};
pub use integral::{integral, mean};
pub use smooth::smooth;
