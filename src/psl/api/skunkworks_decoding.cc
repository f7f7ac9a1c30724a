// Placeholder: the skunkworks request decoders are being written.
