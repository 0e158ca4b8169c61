import helmet from 'helmet';

// The built client is plain files from 'self', and no script may come from anywhere else or inline.
// Monaco (the YAML editor, loaded only when editing) runs its language services in web workers
// created from blob: URLs, hence worker-src, and injects <style> elements for its themes and
// decorations, hence style-src 'unsafe-inline' (styles only; scripts stay strict). Nothing may frame
// the dashboard, because its forms change cluster state (clickjacking).
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  workerSrc: ["'self'", 'blob:'],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export const securityHeaders = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
  referrerPolicy: { policy: 'no-referrer' },
  frameguard: { action: 'deny' },
  crossOriginOpenerPolicy: { policy: 'same-origin' },
  crossOriginResourcePolicy: { policy: 'same-origin' },
  // HSTS only means something over https, which a proxy or ingress in front of Dialtone terminates.
  strictTransportSecurity: false,
});
