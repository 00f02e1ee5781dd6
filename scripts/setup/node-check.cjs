// Runs first, before anything that needs a modern Node: written so that any Node version can
// parse it, and an unsupported one gets one line saying what to install instead of a stack trace.

// vite 8 accepts ^20.19 || >=22.12; Gala is tested on 20 and 22.
function nodeIsSupported(version) {
	var parts = version.split('.');
	var major = Number(parts[0]);
	var minor = Number(parts[1]);
	return (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major > 22;
}

function unsupportedNodeMessage(version) {
	return (
		'Gala needs Node.js 20.19 or newer (or 22.12+); this is Node.js ' +
		version +
		'. Install a newer Node.js and run the command again.'
	);
}

module.exports = {
	nodeIsSupported: nodeIsSupported,
	unsupportedNodeMessage: unsupportedNodeMessage
};

if (require.main === module && !nodeIsSupported(process.versions.node)) {
	console.error(unsupportedNodeMessage(process.versions.node));
	process.exit(1);
}
