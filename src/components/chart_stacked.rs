//! Stacked columns as inline SVG: one column per category (a year), one coloured segment per
//! series (a cluster). Axis text uses `currentColor`, gridlines the page's line colour.

use yew::prelude::*;

pub const WIDTH: f64 = 640.0;
pub const HEIGHT: f64 = 220.0;
/// Room for the axis labels.
const LEFT: f64 = 34.0;
const BOTTOM: f64 = 20.0;
const TOP: f64 = 8.0;

/// One series (a cluster) of the stack.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: String,
    /// CSS colour.
    pub color: String,
}

/// Segments of each column, bottom up, as `(y, height)` in a plot `plot_height` tall whose
/// tallest column fills it; `values[column][series]`.
pub fn stack(values: &[Vec<f64>], plot_height: f64) -> Vec<Vec<(f64, f64)>> {
    let max = values
        .iter()
        .map(|col| {
            col.iter()
                .filter(|v| v.is_finite() && **v > 0.0)
                .sum::<f64>()
        })
        .fold(0.0, f64::max);
    values
        .iter()
        .map(|col| {
            let mut top = plot_height;
            col.iter()
                .map(|&v| {
                    let h = if max > 0.0 && v.is_finite() && v > 0.0 {
                        v / max * plot_height
                    } else {
                        0.0
                    };
                    top -= h;
                    (top, h)
                })
                .collect()
        })
        .collect()
}

/// A "nice" axis maximum at or above `max` (1, 2 or 5 times a power of ten).
pub fn nice_max(max: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let power = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|&m| m >= max)
        .unwrap_or(10.0 * power)
}

/// An axis value: whole numbers without decimals, others with one.
pub fn axis_text(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

#[derive(Properties, PartialEq)]
pub struct StackedColumnsProps {
    pub label: AttrValue,
    /// Column names ("2019").
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    /// `values[column][series]`.
    pub values: Vec<Vec<f64>>,
}

/// Stacked columns with a value axis.
#[function_component]
pub fn StackedColumns(props: &StackedColumnsProps) -> Html {
    let n = props.categories.len().max(1);
    let plot_w = WIDTH - LEFT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let totals: Vec<f64> = props.values.iter().map(|c| c.iter().sum()).collect();
    let max = nice_max(totals.iter().copied().fold(0.0, f64::max));
    // Scale to the nice maximum: add a phantom column of that height.
    let mut scaled = props.values.clone();
    scaled.push(vec![max]);
    let segments = stack(&scaled, plot_h);
    let step = plot_w / n as f64;
    let col_w = (step * 0.8).max(1.0);
    // Label every k-th column so labels do not overlap (about 38 units each).
    let every = ((38.0 / step).ceil() as usize).max(1);
    html! {
        <svg class="chart stacked-chart" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img"
             aria-label={props.label.clone()} preserveAspectRatio="xMinYMin meet">
            { for [0.0, 0.5, 1.0].iter().map(|f| {
                let y = TOP + plot_h * (1.0 - f);
                html! {
                    <g class="grid">
                        <line x1={LEFT.to_string()} x2={WIDTH.to_string()} y1={format!("{y:.1}")} y2={format!("{y:.1}")} />
                        <text x={(LEFT - 4.0).to_string()} y={format!("{:.1}", y + 4.0)} text-anchor="end">{ axis_text(max * f) }</text>
                    </g>
                }
            }) }
            { for props.categories.iter().enumerate().map(|(i, cat)| {
                let x = LEFT + i as f64 * step + (step - col_w) / 2.0;
                let total = totals.get(i).copied().unwrap_or(0.0);
                html! {
                    <g class="column">
                        <title>{ format!("{cat}: {total} people") }</title>
                        { for segments.get(i).into_iter().flatten().zip(&props.series).filter(|((_, h), _)| *h > 0.0).map(|((y, h), s)| html! {
                            <rect x={format!("{x:.2}")} y={format!("{:.2}", TOP + y)} width={format!("{col_w:.2}")} height={format!("{h:.2}")}
                                  style={format!("fill: {}", s.color)}><title>{ format!("{cat}, {}", s.name) }</title></rect>
                        }) }
                        if i % every == 0 {
                            <text class="axis-label" x={format!("{:.1}", x + col_w / 2.0)} y={(HEIGHT - 5.0).to_string()} text-anchor="middle">{ cat.clone() }</text>
                        }
                    </g>
                }
            }) }
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_stack_up_and_the_tallest_column_fills_the_plot() {
        let s = stack(&[vec![1.0, 3.0], vec![2.0, 0.0]], 100.0);
        assert_eq!(s[0], vec![(75.0, 25.0), (0.0, 75.0)]);
        assert_eq!(s[1], vec![(50.0, 50.0), (50.0, 0.0)]);
        assert_eq!(stack(&[vec![0.0]], 10.0), vec![vec![(10.0, 0.0)]]);
    }

    #[test]
    fn nice_maxima() {
        assert_eq!(nice_max(37.0), 50.0);
        assert_eq!(nice_max(100.0), 100.0);
        assert_eq!(nice_max(101.0), 200.0);
        assert_eq!(nice_max(0.3), 0.5);
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(axis_text(50.0), "50");
        assert_eq!(axis_text(0.5), "0.5");
    }
}
