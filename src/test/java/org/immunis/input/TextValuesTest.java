package org.immunis.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextValuesTest {

	@Test
	void ordinaryTextIsAccepted() {
		assertThat(TextValues.problem("Zoë Ångström-Nguyễn, line\none\ttab\r", 100)).isEmpty();
		assertThat(TextValues.problem("a pair \uD83D\uDC89 (syringe)", 100)).isEmpty();
	}

	@Test
	void nulAndOtherControlCharactersAreRefused() {
		assertThat(TextValues.problem("Ann\u0000", 100)).hasValueSatisfying(why -> assertThat(why).contains("U+0000"));
		assertThat(TextValues.problem("bell\u0007", 100)).isPresent();
	}

	@Test
	void aLoneSurrogateIsRefused() {
		assertThat(TextValues.problem("x\uD800", 100)).hasValueSatisfying(why -> assertThat(why).contains("U+D800"));
		assertThat(TextValues.problem("\uDC00x", 100)).isPresent();
		assertThat(TextValues.problem("\uD800\uD800\uDC00", 100)).isPresent();
	}

	@Test
	void aValueLongerThanTheCapIsRefused() {
		assertThat(TextValues.problem("x".repeat(101), 100)).hasValueSatisfying(why -> assertThat(why).contains("100"));
		assertThat(TextValues.problem("x".repeat(100), 100)).isEmpty();
	}
}
