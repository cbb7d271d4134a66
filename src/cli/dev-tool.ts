/**
 * Loads a development tool (the demo, the simulator) on demand: the daemon never carries them, and an
 * installation without them (`npm ci --omit=dev`, the Docker image) gets one clear line instead of a
 * module-resolution stack.
 */
export async function loadDevTool<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Error(
      'this command needs the development tools (simulator, sinks) and their packages: run it from a clone after `npm ci`',
    );
  }
}
