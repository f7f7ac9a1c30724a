// Placeholder: the survey request decoders are being written.
