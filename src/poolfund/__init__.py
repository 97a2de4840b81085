"""PoolFund: an open platform that runs a UN pooled fund for migration."""
