//! Cluster colours: distinct, colour-blind safe, readable on light and dark backgrounds, and
//! fixed by the cluster's persistent id (see [`crate::community::stable`]) so a cluster keeps
//! its colour across re-runs.
//!
//! Every colour has a relative luminance between 0.12 and 0.30, which gives a contrast ratio of
//! at least 3:1 (WCAG's level for graphics) against both the light background `#ffffff` and the
//! dark one `#111418`. Inside that band the colours differ by hue and chroma only, so they are
//! chosen for distance in OKLab, for normal vision and for protanopia and deuteranopia
//! (Machado, Oliveira & Fernandes 2009 simulation).
//!
//! - Ids 0-3 are Okabe & Ito's blue, vermillion, bluish green and reddish purple.
//! - Ids 4-11 were picked greedily (each the farthest from all before it, distances under
//!   protan and deutan simulation weighted 1.6x) from an OKLCH grid inside the band. The first
//!   8 colours stay at least 7 OKLab units (x100) apart under both simulations.
//! - Ids from 12 on are generated: golden-angle hues in OKLCH at three lightness levels,
//!   clamped into sRGB and into the luminance band. They are less distinct; persistent ids are
//!   handed out largest cluster first, so the largest clusters get the most distinct colours.

/// The hand-checked base palette, most distinct first.
pub const BASE_PALETTE: [[u8; 3]; 12] = [
    [0x00, 0x72, 0xB2], // blue (Okabe-Ito)
    [0xD5, 0x5E, 0x00], // vermillion (Okabe-Ito)
    [0x00, 0x9E, 0x73], // bluish green (Okabe-Ito)
    [0xCC, 0x79, 0xA7], // reddish purple (Okabe-Ito)
    [0x8A, 0x70, 0xFC], // violet
    [0x89, 0x56, 0x74], // plum
    [0xF7, 0x52, 0x6A], // rose red
    [0x98, 0x56, 0x1F], // brown
    [0x59, 0x4F, 0xD7], // indigo
    [0x1A, 0x95, 0xD8], // sky blue
    [0xB7, 0x36, 0xA0], // magenta
    [0xD3, 0x5F, 0xD2], // orchid
];

/// Colour of nodes in no cluster, or in the folded "other" cluster: a neutral grey that is as
/// readable as the cluster colours.
pub const OTHER_COLOR: [u8; 3] = [0x8A, 0x8F, 0x94];

/// The light background colours are checked against.
pub const LIGHT_BACKGROUND: [u8; 3] = [0xFF, 0xFF, 0xFF];
/// The dark background colours are checked against.
pub const DARK_BACKGROUND: [u8; 3] = [0x11, 0x14, 0x18];

/// Luminance band of every cluster colour (3:1 contrast against both backgrounds).
const MIN_LUMINANCE: f64 = 0.125;
const MAX_LUMINANCE: f64 = 0.295;

/// The colour of the cluster with this persistent id.
pub fn cluster_color(persistent_id: u32) -> [u8; 3] {
    match BASE_PALETTE.get(persistent_id as usize) {
        Some(&c) => c,
        None => generated_color(persistent_id - BASE_PALETTE.len() as u32),
    }
}

/// The colour of an optional cluster: [`OTHER_COLOR`] for `None`.
pub fn node_color(persistent_id: Option<u32>) -> [u8; 3] {
    persistent_id.map_or(OTHER_COLOR, cluster_color)
}

/// `#rrggbb` (lower-case hex): the one colour-to-text of the crate, for the exports, the
/// page's CSS and the shared SVG.
pub fn to_hex(color: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", color[0], color[1], color[2])
}

/// WCAG relative luminance of an sRGB colour, in `[0, 1]`.
pub fn relative_luminance(color: [u8; 3]) -> f64 {
    let [r, g, b] = color.map(|c| srgb_to_linear(c as f64 / 255.0));
    0.2126 * r + 0.7152 * g + 0.0722 * b
}

/// WCAG contrast ratio of two colours, in `[1, 21]`.
pub fn contrast_ratio(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The `k`-th generated colour (after the base palette).
fn generated_color(k: u32) -> [u8; 3] {
    const GOLDEN_ANGLE_DEG: f64 = 137.507_764;
    const LIGHTNESS: [f64; 3] = [0.60, 0.54, 0.65];
    let hue = (25.0 + k as f64 * GOLDEN_ANGLE_DEG).rem_euclid(360.0);
    let mut lightness = LIGHTNESS[(k as usize / 7) % LIGHTNESS.len()];
    let mut color = oklch_to_srgb_in_gamut(lightness, 0.13, hue);
    // Nudge lightness until the luminance is inside the band (a few steps at most).
    for _ in 0..40 {
        let y = relative_luminance(color);
        if y < MIN_LUMINANCE {
            lightness += 0.005;
        } else if y > MAX_LUMINANCE {
            lightness -= 0.005;
        } else {
            break;
        }
        color = oklch_to_srgb_in_gamut(lightness, 0.13, hue);
    }
    color
}

/// OKLCH to 8-bit sRGB, lowering chroma until the colour fits in sRGB.
fn oklch_to_srgb_in_gamut(lightness: f64, chroma: f64, hue_deg: f64) -> [u8; 3] {
    let mut c = chroma;
    loop {
        let (a, b) = (
            c * hue_deg.to_radians().cos(),
            c * hue_deg.to_radians().sin(),
        );
        let rgb = oklab_to_linear_srgb(lightness, a, b);
        if rgb.iter().all(|x| (-1e-9..=1.0 + 1e-9).contains(x)) || c <= 0.0 {
            return rgb.map(|x| (linear_to_srgb(x.clamp(0.0, 1.0)) * 255.0).round() as u8);
        }
        c = (c - 0.005).max(0.0);
    }
}

fn oklab_to_linear_srgb(l: f64, a: f64, b: f64) -> [f64; 3] {
    let l_ = l + 0.396_337_777_4 * a + 0.215_803_757_3 * b;
    let m_ = l - 0.105_561_345_8 * a - 0.063_854_172_8 * b;
    let s_ = l - 0.089_484_177_5 * a - 1.291_485_548_0 * b;
    let (l3, m3, s3) = (l_ * l_ * l_, m_ * m_ * m_, s_ * s_ * s_);
    [
        4.076_741_662_1 * l3 - 3.307_711_591_3 * m3 + 0.230_969_929_2 * s3,
        -1.268_438_004_6 * l3 + 2.609_757_401_1 * m3 - 0.341_319_396_5 * s3,
        -0.004_196_086_3 * l3 - 0.703_418_614_7 * m3 + 1.707_612_702_9 * s3,
    ]
}

fn srgb_to_linear(c: f64) -> f64 {
    if c <= 0.040_45 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

fn linear_to_srgb(c: f64) -> f64 {
    if c <= 0.003_130_8 {
        12.92 * c
    } else {
        1.055 * c.powf(1.0 / 2.4) - 0.055
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linear_to_oklab(rgb: [f64; 3]) -> [f64; 3] {
        let [r, g, b] = rgb;
        let l = (0.412_221_470_8 * r + 0.536_332_536_3 * g + 0.051_445_992_9 * b).cbrt();
        let m = (0.211_903_498_2 * r + 0.680_699_545_1 * g + 0.107_396_956_6 * b).cbrt();
        let s = (0.088_302_461_9 * r + 0.281_718_837_6 * g + 0.629_978_700_5 * b).cbrt();
        [
            0.210_454_255_3 * l + 0.793_617_785_0 * m - 0.004_072_046_8 * s,
            1.977_998_495_1 * l - 2.428_592_205_0 * m + 0.450_593_709_9 * s,
            0.025_904_037_1 * l + 0.782_771_766_2 * m - 0.808_675_766_0 * s,
        ]
    }

    /// Machado et al. 2009, severity 1.
    const PROTAN: [[f64; 3]; 3] = [
        [0.152_286, 1.052_583, -0.204_868],
        [0.114_503, 0.786_281, 0.099_216],
        [-0.003_882, -0.048_116, 1.051_998],
    ];
    const DEUTAN: [[f64; 3]; 3] = [
        [0.367_322, 0.860_646, -0.227_968],
        [0.280_085, 0.672_501, 0.047_413],
        [-0.011_820, 0.042_940, 0.968_881],
    ];

    fn oklab_seen(color: [u8; 3], matrix: Option<&[[f64; 3]; 3]>) -> [f64; 3] {
        let rgb = color.map(|c| srgb_to_linear(c as f64 / 255.0));
        let rgb = match matrix {
            None => rgb,
            Some(m) => [0, 1, 2]
                .map(|i| (m[i][0] * rgb[0] + m[i][1] * rgb[1] + m[i][2] * rgb[2]).clamp(0.0, 1.0)),
        };
        linear_to_oklab(rgb)
    }

    fn min_distance(colors: &[[u8; 3]], matrix: Option<&[[f64; 3]; 3]>) -> f64 {
        let mut best = f64::MAX;
        for (i, &a) in colors.iter().enumerate() {
            for &b in &colors[i + 1..] {
                let (p, q) = (oklab_seen(a, matrix), oklab_seen(b, matrix));
                let d =
                    ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2) + (p[2] - q[2]).powi(2)).sqrt();
                best = best.min(100.0 * d);
            }
        }
        best
    }

    #[test]
    fn contrast_formula_matches_wcag() {
        assert!((contrast_ratio([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio([10, 20, 30], [10, 20, 30]) - 1.0).abs() < 1e-12);
        // #767676 on white is WCAG's well-known 4.54:1.
        assert!((contrast_ratio([0x76; 3], LIGHT_BACKGROUND) - 4.54).abs() < 0.01);
    }

    #[test]
    fn every_colour_is_readable_on_light_and_dark() {
        let ids = (0..2000u32).map(cluster_color).chain([OTHER_COLOR]);
        for (i, c) in ids.enumerate() {
            let light = contrast_ratio(c, LIGHT_BACKGROUND);
            let dark = contrast_ratio(c, DARK_BACKGROUND);
            assert!(light >= 3.0, "#{i} {} on white: {light:.2}", to_hex(c));
            assert!(dark >= 3.0, "#{i} {} on #111418: {dark:.2}", to_hex(c));
        }
    }

    #[test]
    fn base_colours_are_distinct_also_for_colour_blind_eyes() {
        assert!(min_distance(&BASE_PALETTE, None) > 9.0);
        let first8 = &BASE_PALETTE[..8];
        assert!(min_distance(first8, None) > 11.0);
        assert!(min_distance(first8, Some(&PROTAN)) > 7.0);
        assert!(min_distance(first8, Some(&DEUTAN)) > 7.0);
        // The grey is far from every cluster colour.
        for &c in &BASE_PALETTE {
            assert!(min_distance(&[c, OTHER_COLOR], None) > 8.0, "{}", to_hex(c));
        }
    }

    #[test]
    fn colours_are_fixed_by_id_and_rarely_repeat() {
        assert_eq!(cluster_color(0), [0x00, 0x72, 0xB2]);
        assert_eq!(cluster_color(40), cluster_color(40));
        assert_eq!(node_color(None), OTHER_COLOR);
        assert_eq!(node_color(Some(3)), BASE_PALETTE[3]);
        let first: Vec<[u8; 3]> = (0..64).map(cluster_color).collect();
        let mut unique = first.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), 64);
        // Consecutive generated colours are never near-identical.
        for k in 12..500u32 {
            let d = min_distance(&[cluster_color(k), cluster_color(k + 1)], None);
            assert!(d > 8.0, "{k}: {d}");
        }
        assert_eq!(to_hex(cluster_color(1)), "#d55e00");
        assert_eq!(to_hex([255, 8, 0]), "#ff0800");
    }
}
