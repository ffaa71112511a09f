import Avatar from '@material-ui/core/Avatar';

function initials(name: string): string {
  const parts = name
    .replace(/@.*$/, '')
    .split(/[\s._-]+/)
    .filter(Boolean);
  const letters =
    parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters.map(part => part[0]?.toLocaleUpperCase()).join('') || '?';
}

function colour(name: string): string {
  let hash = 0;
  for (const char of name) {
    hash = (hash * 31 + char.charCodeAt(0)) % 360;
  }
  return `hsl(${hash}, 45%, 42%)`;
}

/** Initials avatar for a responder, with a stable colour per name. */
export function ResponderAvatar(props: { name: string; size?: number }) {
  const size = props.size ?? 32;
  return (
    <Avatar
      aria-hidden
      style={{
        width: size,
        height: size,
        fontSize: size * 0.42,
        backgroundColor: colour(props.name),
      }}
    >
      {initials(props.name)}
    </Avatar>
  );
}

export { colour as responderColour };
