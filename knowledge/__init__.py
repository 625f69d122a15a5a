"""Knowledge: what every role comes to read.

Owns the reference data the whole portal builds on (Kommune, Organisation), and, as the
knowledge base grows, the Handlungskonzept, guidance articles, FAQs, Kooperationsvereinbarungen,
the directory of advice services and uploaded documents with their extracted text.
Depends on nothing but portal/; forms/ and spaces/ depend on it.
"""
