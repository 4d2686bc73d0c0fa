"""The network: people, phones and lines as a graph; its groups, key players and what
taking some of them out would do."""
