//! Community detection: which people form a cluster.
