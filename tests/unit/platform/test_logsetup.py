import logging

from kds.platform.logsetup import RedactingFilter, redact, register_secret, setup_logging


def test_registered_secret_never_reaches_the_log_file(tmp_path):
    register_secret("s3cr3t-token-value")
    path = setup_logging(tmp_path)
    try:
        logging.getLogger("kds.test").info("calling with %s", "s3cr3t-token-value")
        logging.getLogger("kds.test").warning("header X-Access-Token: abcdef123456")
        for handler in logging.getLogger().handlers:
            handler.flush()
        text = path.read_text()
        assert "s3cr3t-token-value" not in text
        assert "abcdef123456" not in text
        assert text.count("[redacted]") == 2
    finally:
        for handler in list(logging.getLogger().handlers):
            if any(isinstance(f, RedactingFilter) for f in handler.filters):
                logging.getLogger().removeHandler(handler)
                handler.close()


def test_redact_masks_token_fields_in_json_and_basic_auth():
    assert "zzz999yyy" not in redact('{"access_token": "zzz999yyy"}')
    assert "QWxhZGRpbjpvcGVu" not in redact("Authorization: Basic QWxhZGRpbjpvcGVu")
    assert redact("status=accepted") == "status=accepted"
