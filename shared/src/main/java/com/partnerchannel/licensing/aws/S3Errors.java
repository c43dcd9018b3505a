package com.partnerchannel.licensing.aws;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** S3's error document ({@code <Error><Code>…</Code><Message>…</Message>…</Error>}) as its fields' texts. */
final class S3Errors {
    private S3Errors() {
    }

    /** The {@code <Error>} element's children by name; empty when the body is empty or not that document. */
    static Map<String, String> read(byte[] body) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body.length == 0) return fields;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            Element root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body)).getDocumentElement();
            if (!"Error".equals(root.getNodeName())) return fields;
            for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element) fields.put(element.getNodeName(), element.getTextContent());
            }
        } catch (Exception notXml) {
            // an answer that is not S3's error document: its status and headers still say what happened
        }
        return fields;
    }
}
