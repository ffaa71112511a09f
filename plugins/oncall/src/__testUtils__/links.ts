/** Elements whose `href` is exactly `value`. */
export function linksTo(value: string, root: ParentNode = document.body) {
  return Array.from(root.querySelectorAll('[href]')).filter(
    element => element.getAttribute('href') === value,
  );
}

/**
 * The `href` of every element that points anywhere but an http(s) URL, a path inside the app
 * or a `mailto:` address (what a browser would follow, ignoring spaces and control characters).
 */
export function unsafeHrefs(root: ParentNode = document.body): string[] {
  return Array.from(root.querySelectorAll('[href]'))
    .map(element => element.getAttribute('href') ?? '')
    .filter(href => {
      const followed = href.replace(/[\s\p{Cc}]/gu, '').toLowerCase();
      return !/^(https?:\/\/[^/]|mailto:|\/(?![/\\]))/.test(followed);
    });
}
