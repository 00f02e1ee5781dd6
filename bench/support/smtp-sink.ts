/**
 * The mail benchmark's SMTP sink, in its own process so that it does not compete with the
 * code being measured for the event loop. Accepts everything, keeps nothing, prints its port.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

const server = new SMTPServer({
	authOptional: true,
	disabledCommands: ['STARTTLS'],
	logger: false,
	closeTimeout: 200,
	size: 0,
	onData(stream, _session, callback) {
		stream.on('end', () => callback());
		stream.resume();
	}
});
// Clients resetting their connections are no concern of the sink.
server.on('error', () => {});
server.listen(0, '127.0.0.1', () => {
	process.stdout.write(`${(server.server.address() as AddressInfo).port}\n`);
});
process.on('disconnect', () => process.exit(0));
