/** Monaco model URIs: the schema's fileMatch picks them up, and each transport keeps its own undo stack. */
export function modelPathFor(cluster: string, namespace: string, name: string): string {
  const seg = (s: string) => encodeURIComponent(s);
  return `file:///serverstransporttcp/${seg(cluster)}/${seg(namespace)}/${seg(name)}.yaml`;
}
