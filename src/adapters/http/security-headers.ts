import helmet from 'helmet';
import type { NodeMiddleware } from './node-chain';

/**
 * Security headers on every answer (helmet): nosniff, no framing, no referrer, and a Content-Security-Policy that
 * fits the preview page: its scripts (ES modules), styles, fonts and data are loaded from this origin only, with
 * no inline script or style; images come from this origin, the `data:` favicon, and `iconOrigin` where the cards'
 * channel icons are served from (PUBLIC_BASE_URL). A router that needs a stricter policy for its own pages sets its
 * own header after this one, which replaces it.
 */
export function securityHeaders(options: { iconOrigin?: string | undefined }): NodeMiddleware {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', ...(options.iconOrigin ? [options.iconOrigin] : [])],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
