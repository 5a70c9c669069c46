// The links of a CAP index feed. Aggregators (NWS, MeteoAlarm, Google Public Alerts and most
// national alerting hubs) publish an Atom or RSS index whose entries point at the CAP documents;
// the CAP itself is fetched from each link. Parsed with the adapters' hardened XML kit.
import { childElement, childElements, childText, type XmlElement } from "@eix/adapters";

export interface FeedLinks {
  /** Absolute http(s) URLs of the CAP documents, in feed order, each once. */
  readonly links: string[];
  /** Entries with no usable link (none at all, or not http/https). */
  readonly skipped: number;
}

/** Atom (`feed`), RSS 2.0 (`rss`) and RSS 1.0 (`rdf:RDF`), by the root's local name. */
export function isFeed(root: XmlElement): boolean {
  return root.name === "feed" || root.name === "rss" || root.name === "RDF";
}

export function feedLinks(root: XmlElement, feedUrl: string): FeedLinks {
  const candidates =
    root.name === "feed"
      ? childElements(root, "entry").map(atomEntryLink)
      : (root.name === "rss" ? childElements(childElement(root, "channel") ?? root, "item") : childElements(root, "item")).map(
          rssItemLink,
        );
  const links: string[] = [];
  let skipped = 0;
  for (const candidate of candidates) {
    const url = candidate === undefined ? undefined : httpUrl(candidate, feedUrl);
    if (url === undefined) skipped++;
    else if (!links.includes(url)) links.push(url);
  }
  return { links, skipped };
}

const isCapType = (type: string | undefined) => type !== undefined && /cap\+xml|\/cap\b/i.test(type);

// Atom: a link typed as CAP wins whatever its rel (MeteoAlarm uses rel="related"); then the
// entry's alternate link (a link without rel is one); then an id that is itself the URL (NWS).
function atomEntryLink(entry: XmlElement): string | undefined {
  const links = childElements(entry, "link");
  const cap = links.find((link) => isCapType(link.attributes.type));
  const alternate = links.find((link) => (link.attributes.rel ?? "alternate") === "alternate");
  const id = childText(entry, "id");
  return cap?.attributes.href ?? alternate?.attributes.href ?? (id && /^https?:/i.test(id) ? id : undefined);
}

// RSS: an enclosure typed as CAP, then the item's link, then a guid that is a URL.
function rssItemLink(item: XmlElement): string | undefined {
  const enclosure = childElements(item, "enclosure").find((e) => isCapType(e.attributes.type));
  const guid = childText(item, "guid");
  return enclosure?.attributes.url ?? childText(item, "link") ?? (guid && /^https?:/i.test(guid) ? guid : undefined);
}

// Relative links are resolved against the feed's own URL, as a feed reader would.
function httpUrl(href: string, base: string): string | undefined {
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}
