"""Writers: the document model (plus theme and build info) → a file per format."""
