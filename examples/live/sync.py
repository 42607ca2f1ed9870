from openai import OpenAI

client = OpenAI()

offer_sdp = (
    "\r\n".join(
        [
            "v=0",
            "o=- 1 1 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0 1",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111",
            "c=IN IP4 0.0.0.0",
            "a=mid:0",
            "a=sendrecv",
            "a=rtcp-mux",
            "a=rtpmap:111 opus/48000/2",
            "a=ice-ufrag:demo",
            "a=ice-pwd:demo0demo0demo0demo0demo",
            "a=setup:actpass",
            "a=fingerprint:sha-256 " + ":".join(["AB"] * 32),
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
            "c=IN IP4 0.0.0.0",
            "a=mid:1",
            "a=sctp-port:5000",
        ]
    )
    + "\r\n"
)

live = client.live.create(
    session={"model": "gpt-live-1", "instructions": "用简短、友好的中文回答。"},
    transport={"type": "webrtc", "sdp": offer_sdp},
)
print("Live 会话：", live.session.id)
print("SDP answer 的第一行：", live.transport.sdp.splitlines()[0])
