//! Network metrics: degree, betweenness, constraint, diversity.
