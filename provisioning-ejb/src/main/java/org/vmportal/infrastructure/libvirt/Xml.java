package org.vmportal.infrastructure.libvirt;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Builds and reads libvirt's XML with the JDK's DOM, so that every value is escaped by the
 * serializer rather than by hand.
 */
final class Xml {

  private Xml() {}

  static Document newDocument() {
    return builder().newDocument();
  }

  /** Appends a child element; {@code attributes} alternate names and values. */
  static Element element(Node parent, String name, String... attributes) {
    Document document = parent instanceof Document d ? d : parent.getOwnerDocument();
    Element element = document.createElement(name);
    for (int i = 0; i < attributes.length; i += 2) {
      element.setAttribute(attributes[i], attributes[i + 1]);
    }
    parent.appendChild(element);
    return element;
  }

  /** Appends a child element holding text. */
  static Element text(Node parent, String name, String text, String... attributes) {
    Element element = element(parent, name, attributes);
    element.setTextContent(text);
    return element;
  }

  static String serialize(Document document) {
    try {
      Transformer transformer = TransformerFactory.newDefaultInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      transformer.setOutputProperty(OutputKeys.INDENT, "yes");
      transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
      StringWriter out = new StringWriter();
      transformer.transform(new DOMSource(document), new StreamResult(out));
      return out.toString();
    } catch (TransformerException e) {
      throw new IllegalStateException("Cannot serialize XML", e);
    }
  }

  static Document parse(String xml) {
    try {
      return builder().parse(new InputSource(new StringReader(xml)));
    } catch (SAXException | IOException e) {
      throw new IllegalArgumentException("Not well-formed XML: " + e.getMessage(), e);
    }
  }

  /** The first descendant reached by following child element names, if any. */
  static Optional<Element> child(Element from, String... path) {
    Element current = from;
    for (String name : path) {
      current = firstChild(current, name);
      if (current == null) {
        return Optional.empty();
      }
    }
    return Optional.of(current);
  }

  /** The trimmed text of the element at {@code path} below {@code from}, if present. */
  static Optional<String> childText(Element from, String... path) {
    return child(from, path).map(e -> e.getTextContent().trim());
  }

  private static Element firstChild(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
        return e;
      }
    }
    return null;
  }

  private static DocumentBuilder builder() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
      factory.setNamespaceAware(true);
      // libvirt never sends a DOCTYPE; refusing one rules out entity expansion attacks.
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      return factory.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("The JDK's XML parser is misconfigured", e);
    }
  }
}
