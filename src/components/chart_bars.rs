//! A horizontal bar chart as inline SVG (no chart library): one labelled bar per category,
//! the count at its end. Text uses `currentColor` and bars the accent colour (or their own),
//! so the chart reads on light and dark backgrounds.

use yew::prelude::*;

/// Width of the chart's coordinate space (it scales to its box).
pub const WIDTH: f64 = 420.0;
/// Height of one row.
pub const ROW: f64 = 20.0;
/// Room for the category names on the left.
pub const LABEL_WIDTH: f64 = 150.0;
/// Room for the value after the longest bar.
pub const VALUE_WIDTH: f64 = 44.0;

/// One bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// The value as written at the end of the bar ("84").
    pub text: String,
    /// CSS colour; `None`: the accent colour.
    pub color: Option<String>,
}

/// Bar lengths for `values`, the largest `max_len` long; zeros (and negative or NaN values)
/// get no length, and all lengths are 0 when nothing is above 0.
pub fn bar_lengths(values: &[f64], max_len: f64) -> Vec<f64> {
    let max = values
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    values
        .iter()
        .map(|&v| {
            if max > 0.0 && v.is_finite() && v > 0.0 {
                v / max * max_len
            } else {
                0.0
            }
        })
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct BarChartProps {
    /// What the chart shows, for screen readers ("People by function").
    pub label: AttrValue,
    pub bars: Vec<Bar>,
    /// What a bar's value counts ("people"), for each bar's tooltip.
    #[prop_or(AttrValue::Static("people"))]
    pub unit: AttrValue,
}

/// A horizontal bar chart.
#[function_component]
pub fn BarChart(props: &BarChartProps) -> Html {
    let bar_space = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    let values: Vec<f64> = props.bars.iter().map(|b| b.value).collect();
    let lengths = bar_lengths(&values, bar_space);
    let height = ROW * props.bars.len().max(1) as f64;
    html! {
        <svg class="chart bar-chart" viewBox={format!("0 0 {WIDTH} {height}")}
             role="img" aria-label={props.label.clone()} preserveAspectRatio="xMinYMin meet">
            { for props.bars.iter().zip(&lengths).enumerate().map(|(i, (bar, &len))| {
                let y = i as f64 * ROW;
                let style = bar.color.as_ref().map(|c| format!("fill: {c}"));
                html! {
                    <g class="bar-row">
                        <title>{ format!("{}: {} {}", bar.label, bar.text, props.unit) }</title>
                        <text class="bar-label" x={(LABEL_WIDTH - 6.0).to_string()} y={(y + ROW * 0.68).to_string()} text-anchor="end">{ clip(&bar.label, 24) }</text>
                        <rect class="bar" x={LABEL_WIDTH.to_string()} y={(y + 3.0).to_string()}
                              width={format!("{len:.2}")} height={(ROW - 6.0).to_string()} rx="2" {style} />
                        <text class="bar-value" x={format!("{:.2}", LABEL_WIDTH + len + 4.0)} y={(y + ROW * 0.68).to_string()}>{ bar.text.clone() }</text>
                    </g>
                }
            }) }
        </svg>
    }
}

/// `text` cut to `max` characters with an ellipsis.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_largest_bar_is_full_length_and_zeros_are_empty() {
        let l = bar_lengths(&[2.0, 8.0, 0.0, 4.0], 100.0);
        assert_eq!(l, vec![25.0, 100.0, 0.0, 50.0]);
        assert_eq!(bar_lengths(&[0.0, 0.0], 100.0), vec![0.0, 0.0]);
        assert_eq!(bar_lengths(&[f64::NAN, 1.0], 10.0), vec![0.0, 10.0]);
        assert!(bar_lengths(&[], 10.0).is_empty());
    }

    #[test]
    fn long_labels_are_clipped() {
        assert_eq!(clip("Engineering", 24), "Engineering");
        assert_eq!(clip("abcdefghij", 5), "abcd…");
        assert_eq!(clip("Zoë Åström", 4), "Zoë…");
    }
}
