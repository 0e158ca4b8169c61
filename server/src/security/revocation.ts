/**
 * Session ids ended by logout, kept until the session would have expired anyway. Sessions are
 * sealed cookies that any replica can read, so this list is what makes a logged-out cookie
 * worthless. It lives in this replica's memory: another replica (or this one after a restart)
 * does not know the id, and accepts the cookie there until its idle timeout or lifetime ends.
 */
export class RevokedSessions {
  private readonly revoked = new Map<string, number>();

  revoke(sid: string, expires: number, now = Date.now()): void {
    this.revoked.set(sid, expires);
    // Logouts are rare; sweeping on each keeps the map no larger than the sessions still alive.
    for (const [id, until] of this.revoked) if (until <= now) this.revoked.delete(id);
  }

  has(sid: string): boolean {
    return this.revoked.has(sid);
  }
}
