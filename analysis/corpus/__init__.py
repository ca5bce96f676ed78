"""Files → documents: decoding, boilerplate, metadata, sentences, dates in text."""
